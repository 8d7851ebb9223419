package routes.shared;

import software.amazon.awssdk.core.SdkClient;

/**
 * The shape of the route tests' stub AWS clients ({@link RecordingSqsClient}, {@link RecordingSfnClient}, the
 * snapshot tests' SNS one): each records the requests it is given in public lists and sends nothing anywhere.
 */
public abstract class RecordingClient implements SdkClient {
    private final String serviceName;

    protected RecordingClient(String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    public final String serviceName() {
        return serviceName;
    }

    @Override
    public final void close() {
    }
}
