package routes.shared;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import routes.uploads.InMemoryLedger;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Completions once per token, outcomes, gone tokens, and that a token never reaches a log line. */
class TaskCallbacksTest {
    private static final String TOKEN = "AAAAKgAAAAIAAAAAAAAAAe-secret-token";
    private final RecordingSfnClient sfn = new RecordingSfnClient();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final TaskCallbacks callbacks = new TaskCallbacks(sfn, new SideEffectGuard(ledger));

    @Test
    void aTaskIsCompletedOnceWhateverIsAskedAfter() {
        assertThat(callbacks.succeed("review", TOKEN, "{\"message\":\"signed off\"}")).isEqualTo(TaskCallbacks.Outcome.SENT);
        assertThat(callbacks.succeed("review", TOKEN, "{\"message\":\"signed off\"}")).isEqualTo(TaskCallbacks.Outcome.ALREADY_SENT);
        assertThat(callbacks.fail("review", TOKEN, "Not signing off", "no")).isEqualTo(TaskCallbacks.Outcome.ALREADY_SENT);

        assertThat(sfn.successes).hasSize(1);
        assertThat(sfn.successes.get(0).output()).isEqualTo("{\"message\":\"signed off\"}");
        assertThat(sfn.failures).isEmpty();
        assertThat(callbacks.completion("review", TOKEN)).isEqualTo("SUCCEEDED");
        assertThat(callbacks.isCompleted("review", TOKEN)).isTrue();
        assertThat(callbacks.isCompleted("transforms", TOKEN)).as("per pipeline").isFalse();
    }

    @Test
    void aFailureCarriesTheErrorAndCauseCutToStepFunctionsLimits() {
        assertThat(callbacks.fail("review", TOKEN, "E".repeat(300), "c".repeat(40_000))).isEqualTo(TaskCallbacks.Outcome.SENT);

        assertThat(sfn.failures.get(0).error()).hasSize(256);
        assertThat(sfn.failures.get(0).cause()).hasSize(32768);
        assertThat(callbacks.completion("review", TOKEN)).isEqualTo("FAILED");
    }

    @Test
    void aGoneTokenIsDroppedRecordedAndNeverLogged() {
        List<String> lines = captureLogs();
        sfn.successAnswers.add(() -> RecordingSfnClient.answer(TaskTimedOutException.builder(), "TaskTimedOut", 400));

        assertThat(callbacks.succeed("review", TOKEN, "{}")).isEqualTo(TaskCallbacks.Outcome.TOKEN_GONE);
        assertThat(callbacks.succeed("review", TOKEN, "{}")).as("not tried again").isEqualTo(TaskCallbacks.Outcome.TOKEN_GONE);

        assertThat(sfn.successes).hasSize(1);
        assertThat(callbacks.completion("review", TOKEN)).isEqualTo("TOKEN_GONE TaskTimedOut");
        assertThat(lines).anyMatch(l -> l.contains(TaskCallbacks.tokenHash(TOKEN)) && l.contains("TaskTimedOut"));
        assertThat(lines).noneMatch(l -> l.contains(TOKEN));
    }

    @Test
    void everyKindOfDeadTokenIsGone() {
        sfn.successAnswers.add(() -> RecordingSfnClient.answer(InvalidTokenException.builder(), "InvalidToken", 400));
        sfn.successAnswers.add(() -> RecordingSfnClient.answer(TaskDoesNotExistException.builder(), "TaskDoesNotExist", 400));

        assertThat(callbacks.succeed("review", TOKEN + "1", "{}")).isEqualTo(TaskCallbacks.Outcome.TOKEN_GONE);
        assertThat(callbacks.succeed("review", TOKEN + "2", "{}")).isEqualTo(TaskCallbacks.Outcome.TOKEN_GONE);
    }

    @Test
    void aTransientErrorLeavesTheTaskOpenForARetry() {
        sfn.successAnswers.add(() -> RecordingSfnClient.answer(SfnException.builder(), "ThrottlingException", 400));

        assertThatThrownBy(() -> callbacks.succeed("review", TOKEN, "{}")).isInstanceOf(SfnException.class);
        assertThat(callbacks.isCompleted("review", TOKEN)).isFalse();
        assertThat(callbacks.succeed("review", TOKEN, "{}")).isEqualTo(TaskCallbacks.Outcome.SENT);
    }

    @Test
    void anOutputStepFunctionsRefusesBecomesATaskFailure() {
        sfn.successAnswers.add(() -> RecordingSfnClient.answer(InvalidOutputException.builder(), "InvalidOutput", 400));

        assertThatThrownBy(() -> callbacks.succeed("review", TOKEN, "not json"))
                .isInstanceOfSatisfying(TaskFailure.class, f -> assertThat(f.getError()).isEqualTo("InvalidTaskOutput"));
        assertThat(callbacks.failWith("review", TOKEN, new TaskFailure("InvalidTaskOutput", "x"), 0)).isEqualTo(TaskCallbacks.Outcome.SENT);
    }

    @Test
    void heartbeatsAreNotRecordedAndReportAGoneToken() {
        assertThat(callbacks.heartbeat(TOKEN)).isEqualTo(TaskCallbacks.Outcome.SENT);
        assertThat(callbacks.heartbeat(TOKEN)).isEqualTo(TaskCallbacks.Outcome.SENT);
        assertThat(sfn.heartbeats).hasSize(2);
        assertThat(callbacks.isCompleted("review", TOKEN)).isFalse();
    }

    @Test
    void withoutATokenThereIsNoTaskToComplete() {
        assertThatThrownBy(() -> callbacks.succeed("review", null, "{}")).isInstanceOf(PermanentFailure.class)
                .hasMessage("No Step Functions task token: there is no task to complete");
    }

    @Test
    void failuresAreDescribedByWhatFailed() {
        assertThat(TaskFailure.describe(new TaskFailure("UnknownType", "type 'x'"), 0).getError()).isEqualTo("UnknownType");
        TaskFailure wrong = TaskFailure.describe(new PermanentFailure("Event has extra keys: foo"), 1);
        assertThat(List.of(wrong.getError(), wrong.getTaskCause())).containsExactly("InvalidTaskInput", "Event has extra keys: foo");
        TaskFailure s3 = TaskFailure.describe(RecordingSfnClient.answer(
                software.amazon.awssdk.services.s3.model.S3Exception.builder(), "SlowDown", 503), 5);
        assertThat(s3.getError()).isEqualTo("TaskRetriesExhausted");
        assertThat(s3.getTaskCause()).isEqualTo("SFN answered 503 SlowDown after 5 attempts: SlowDown");
        assertThat(TaskFailure.describe(new java.net.SocketTimeoutException("Read timed out"), 1).getTaskCause())
                .isEqualTo("SocketTimeoutException after 1 attempt: Read timed out");
    }

    private static List<String> captureLogs() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) LogManager.getLogger(TaskCallbacks.class);
        AbstractAppender appender = new AbstractAppender("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender);
        return lines;
    }
}
