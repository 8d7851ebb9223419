package routes.uploads;

import java.util.Set;

/**
 * The deployment stage, for labelling what a non-production instance sends: GitHub titles get {@code TEST } in front
 * and email subjects {@code **NB triggered from <stage> instance** }.
 */
public final class Stage {
    private final String name;
    private final Set<String> testStages;

    /** {@code testStages}: comma-separated stage names that are not production (staging,development,test). */
    public Stage(String name, String testStages) {
        this.name = name == null ? "" : name;
        this.testStages = UploadKey.csvSet(testStages);
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
