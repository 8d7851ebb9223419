package routes.uploads;

import routes.shared.RecordingSqsClient;
import software.amazon.awssdk.services.sqs.model.ListQueuesRequest;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;

/** The recording SQS stub, also answering the queue lookup an aws2-sqs endpoint makes when it starts. */
public class RecordingUploadsSqs extends RecordingSqsClient {
    @Override
    public ListQueuesResponse listQueues(ListQueuesRequest request) {
        String name = request.queueNamePrefix() == null ? "queue" : request.queueNamePrefix();
        return ListQueuesResponse.builder().queueUrls("http://sqs.local/000000000000/" + name).build();
    }
}
