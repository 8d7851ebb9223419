package routes.shared;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * {@code sfn-activity:<workerName>?activityArn=...&sfnClient=#bean:sfnClient&pollers=2&emptyPollDelay=1000}: a
 * consumer that polls a Step Functions activity (GetActivityTask) on a few threads and routes each task it gets as one
 * exchange. Used by the {@code step-functions-activity} route template (routes/step-functions.yaml).
 */
public class ActivityTaskComponent extends DefaultComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ActivityTaskEndpoint endpoint = new ActivityTaskEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
