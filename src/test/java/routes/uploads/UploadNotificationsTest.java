package routes.uploads;

import org.junit.jupiter.api.Test;
import routes.shared.PermanentFailure;
import routes.shared.S3EventParser;
import routes.shared.S3ObjectRef;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notifications: decoded keys, wrong bucket or key shape rejected, report.json ignored, one upload per message. */
class UploadNotificationsTest {
    private final UploadNotifications notifications = new UploadNotifications("uploads");

    private static String event(String bucket, String... keys) {
        StringBuilder s = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < keys.length; i++) {
            s.append(i > 0 ? "," : "").append("{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"").append(bucket)
                    .append("\"},\"object\":{\"key\":\"").append(keys[i]).append("\",\"size\":2000}}}");
        }
        return s.append("]}").toString();
    }

    @Test
    void decodesTheKeyAndNamesTheUpload() {
        List<S3ObjectRef> uploads = notifications.read(event("uploads", "X01000000/2019-12-12/2019-09-30T17%3A00%3A02.396833/my+file.csv"));
        assertThat(uploads).singleElement().extracting(S3ObjectRef::key)
                .isEqualTo("X01000000/2019-12-12/2019-09-30T17:00:02.396833/my file.csv");
        assertThat(notifications.folderOf(uploads)).isEqualTo("X01000000/2019-12-12/2019-09-30T17:00:02.396833");
    }

    @Test
    void wrongBucketOrShapeIsWrongInput() {
        assertThatThrownBy(() -> notifications.read(event("elsewhere", "X01/2019-12-12/t/a.csv")))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("not the uploads bucket uploads");
        assertThatThrownBy(() -> notifications.read(event("uploads", "X01/a.csv")))
                .isInstanceOf(PermanentFailure.class).hasMessage("Key 'X01/a.csv' is not <council>/<election date>/<timestamp>/<file>");
    }

    @Test
    void reportJsonIsIgnoredAndFilesOfOneUploadCountOnce() {
        assertThat(notifications.read(event("uploads", "X01/2019-12-12/t/report.json"))).isEmpty();
        assertThat(notifications.read(event("uploads", "X01/2019-12-12/t/a.csv", "X01/2019-12-12/t/b.csv"))).hasSize(1);
    }

    @Test
    void severalUploadsAreSeparatedIntoNotificationsTheParserReads() {
        List<S3ObjectRef> uploads = notifications.read(event("uploads", "X01/2019-12-12/t1/a.csv", "X02/2019-12-12/t%3A2/b+c.csv"));
        assertThat(uploads).hasSize(2);
        List<String> separate = notifications.separate(uploads);
        assertThat(separate).hasSize(2);
        assertThat(new S3EventParser().createdObjects(separate.get(1))).singleElement()
                .satisfies(ref -> {
                    assertThat(ref.bucket()).isEqualTo("uploads");
                    assertThat(ref.key()).isEqualTo("X02/2019-12-12/t:2/b c.csv");
                });
    }
}
