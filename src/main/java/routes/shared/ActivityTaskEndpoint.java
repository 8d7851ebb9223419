package routes.shared;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The endpoint of {@link ActivityTaskComponent}; its options are the template's parameters. */
public class ActivityTaskEndpoint extends DefaultEndpoint {
    private final String workerName;
    private SfnClient sfnClient;
    private String activityArn;
    private int pollers = 2;
    private long emptyPollDelay = 1000;
    private long maximumErrorDelay = 60_000;

    public ActivityTaskEndpoint(String uri, ActivityTaskComponent component, String workerName) {
        super(uri, component);
        this.workerName = workerName;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("sfn-activity only consumes (use routes.shared.TaskCallbacks to complete tasks)");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (sfnClient == null) {
            throw new IllegalArgumentException("sfn-activity:" + workerName + " needs sfnClient (e.g. #bean:sfnClient)");
        }
        if (activityArn == null || activityArn.isBlank()) {
            throw new IllegalArgumentException("sfn-activity:" + workerName + " needs an activityArn");
        }
        ActivityTaskConsumer consumer = new ActivityTaskConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public String getWorkerName() {
        return workerName;
    }

    public SfnClient getSfnClient() {
        return sfnClient;
    }

    public void setSfnClient(SfnClient sfnClient) {
        this.sfnClient = sfnClient;
    }

    public String getActivityArn() {
        return activityArn;
    }

    public void setActivityArn(String activityArn) {
        this.activityArn = activityArn;
    }

    public int getPollers() {
        return pollers;
    }

    /** Concurrent GetActivityTask polls, each running the task it gets before polling again. */
    public void setPollers(int pollers) {
        this.pollers = Math.max(1, pollers);
    }

    public long getEmptyPollDelay() {
        return emptyPollDelay;
    }

    /** Milliseconds a poller waits after a poll that returned no task (AWS long-polls 60 s; the local emulator does not). */
    public void setEmptyPollDelay(long emptyPollDelay) {
        this.emptyPollDelay = Math.max(0, emptyPollDelay);
    }

    public long getMaximumErrorDelay() {
        return maximumErrorDelay;
    }

    /** After failed polls a poller waits the empty-poll delay doubled per failure in a row, up to this (ms). */
    public void setMaximumErrorDelay(long maximumErrorDelay) {
        this.maximumErrorDelay = Math.max(0, maximumErrorDelay);
    }
}
