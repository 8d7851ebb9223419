package routes.shared;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskRequest;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessResponse;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A scripted Step Functions for route tests: GetActivityTask hands out the tasks queued per activity ARN (else an
 * empty poll), SendTask* calls are recorded and answer what the test queued for them (an exception), else OK.
 */
public class RecordingSfnClient extends RecordingClient implements SfnClient {
    public final Map<String, Queue<GetActivityTaskResponse>> tasks = new ConcurrentHashMap<>();
    public final List<SendTaskSuccessRequest> successes = new CopyOnWriteArrayList<>();
    public final List<SendTaskFailureRequest> failures = new CopyOnWriteArrayList<>();
    public final List<SendTaskHeartbeatRequest> heartbeats = new CopyOnWriteArrayList<>();
    /** Answers to the next SendTaskSuccess calls (thrown in order); empty = OK. */
    public final Queue<Supplier<RuntimeException>> successAnswers = new ConcurrentLinkedQueue<>();

    public RecordingSfnClient() {
        super("sfn");
    }

    public void addTask(String activityArn, String token, String input) {
        tasks.computeIfAbsent(activityArn, a -> new ConcurrentLinkedQueue<>())
                .add(GetActivityTaskResponse.builder().taskToken(token).input(input).build());
    }

    public void reset() {
        tasks.clear();
        successes.clear();
        failures.clear();
        heartbeats.clear();
        successAnswers.clear();
    }

    /** An exception as the SDK builds it from an error answer. */
    public static <E extends software.amazon.awssdk.awscore.exception.AwsServiceException> E answer(
            software.amazon.awssdk.awscore.exception.AwsServiceException.Builder builder, String code, int status) {
        @SuppressWarnings("unchecked")
        E e = (E) builder.statusCode(status).awsErrorDetails(AwsErrorDetails.builder().serviceName("SFN")
                .errorCode(code).errorMessage(code).build()).message(code).build();
        return e;
    }

    @Override
    public GetActivityTaskResponse getActivityTask(GetActivityTaskRequest request) {
        Queue<GetActivityTaskResponse> queued = tasks.get(request.activityArn());
        GetActivityTaskResponse next = queued == null ? null : queued.poll();
        return next != null ? next : GetActivityTaskResponse.builder().build();
    }

    @Override
    public SendTaskSuccessResponse sendTaskSuccess(SendTaskSuccessRequest request) {
        successes.add(request);
        Supplier<RuntimeException> answer = successAnswers.poll();
        if (answer != null) {
            throw answer.get();
        }
        return SendTaskSuccessResponse.builder().build();
    }

    @Override
    public SendTaskFailureResponse sendTaskFailure(SendTaskFailureRequest request) {
        failures.add(request);
        return SendTaskFailureResponse.builder().build();
    }

    @Override
    public SendTaskHeartbeatResponse sendTaskHeartbeat(SendTaskHeartbeatRequest request) {
        heartbeats.add(request);
        return SendTaskHeartbeatResponse.builder().build();
    }
}
