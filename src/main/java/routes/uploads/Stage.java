package routes.uploads;

import routes.shared.CommaList;

import java.util.Set;

/**
 * The deployment stage, for labelling what a non-production instance sends: GitHub titles get {@code TEST } in front
 * and email subjects {@code **NB triggered from <stage> instance** }.
 */
public final class Stage {
    private String name = "";
    private Set<String> testStages = Set.of();

    public Stage() {
    }

    public Stage(String name, String testStages) {
        setName(name);
        setTestStages(testStages);
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    /** Comma-separated stage names that are not production (staging,development,test). */
    public void setTestStages(String testStages) {
        this.testStages = Set.copyOf(CommaList.of(testStages));
    }

    public String name() {
        return name;
    }

    public boolean isTest() {
        return testStages.contains(name);
    }

    public String issueTitlePrefix() {
        return isTest() ? "TEST " : "";
    }

    public String emailSubjectPrefix() {
        return isTest() ? "**NB triggered from " + name + " instance** " : "";
    }
}
