package routes.shared;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stub SQS client that records what would be sent, for route tests where SQS itself is not the point. */
public class RecordingSqsClient extends RecordingClient implements SqsClient {
    public final List<SendMessageRequest> sent = new CopyOnWriteArrayList<>();
    public final List<ChangeMessageVisibilityRequest> visibilityChanges = new CopyOnWriteArrayList<>();
    public final List<DeleteMessageRequest> deleted = new CopyOnWriteArrayList<>();

    public RecordingSqsClient() {
        super("sqs");
    }

    @Override
    public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
        visibilityChanges.add(request);
        return ChangeMessageVisibilityResponse.builder().build();
    }

    @Override
    public DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
        deleted.add(request);
        return DeleteMessageResponse.builder().build();
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        return GetQueueUrlResponse.builder().queueUrl("http://sqs.local/000000000000/" + request.queueName()).build();
    }

    @Override
    public SendMessageResponse sendMessage(SendMessageRequest request) {
        sent.add(request);
        return SendMessageResponse.builder().messageId("m-" + sent.size()).build();
    }
}
