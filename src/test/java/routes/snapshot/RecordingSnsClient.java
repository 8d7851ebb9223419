package routes.snapshot;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records SNS publishes (the monitoring topic) until the shared local AWS with its SNS emulator is on main. */
class RecordingSnsClient extends routes.shared.RecordingClient implements SnsClient {
    final List<PublishRequest> published = new CopyOnWriteArrayList<>();

    RecordingSnsClient() {
        super("sns");
    }

    @Override
    public PublishResponse publish(PublishRequest request) {
        published.add(request);
        return PublishResponse.builder().messageId("sns-" + published.size()).build();
    }
}
