package routes.uploads;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Copies keep metadata and content type; report.json never loses files. */
class FinalBucketTest {
    static TestS3 s3;
    static int n;

    @BeforeAll
    static void start() throws Exception {
        s3 = new TestS3();
        s3.createBucket("uploads-bucket");
        s3.createBucket("final-bucket");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    private Upload upload(int files) {
        String folder = "X01000000/2019-12-12/t" + (++n);
        Upload upload = new Upload("uploads-bucket", UploadKey.parse(folder + "/a.csv"));
        for (int i = 0; i < files; i++) {
            String key = folder + "/f" + i + ".csv";
            s3.client().putObject(b -> b.bucket("uploads-bucket").key(key).contentType("text/csv").metadata(java.util.Map.of("source", "wdiv")),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("a,b,c\n"));
            String eTag = s3.client().headObject(b -> b.bucket("uploads-bucket").key(key)).eTag();
            upload.files().add(new Upload.ListedFile(key, 6, eTag, Instant.now()));
            upload.checks().add(new FileCheck(key).encoding("utf-8").valid(1));
        }
        return upload;
    }

    private FinalBucket bucket() {
        return new FinalBucket(s3.client(), "final-bucket");
    }

    @Test
    void copiesWithMetadataAndContentType() {
        Upload upload = upload(1);
        bucket().copyFiles(upload);
        var head = s3.client().headObject(b -> b.bucket("final-bucket").key(upload.files().get(0).key()));
        assertThat(head.contentType()).isEqualTo("text/csv");
        assertThat(head.metadata()).containsEntry("source", "wdiv");
        bucket().copyFiles(upload);
    }

    @Test
    void aSmallerReportNeverReplacesALargerOne() {
        Upload two = upload(2);
        assertThat(bucket().writeReportIfLarger(two)).isTrue();
        Upload one = new Upload("uploads-bucket", UploadKey.parse(two.folder() + "/f0.csv"));
        one.files().add(two.files().get(0));
        one.checks().add(two.checks().get(0));
        assertThat(bucket().writeReportIfLarger(one)).isFalse();
        assertThat(s3.read("final-bucket", two.reportKey())).isEqualTo(UploadReport.pretty(two));
        assertThat(bucket().writeReportIfLarger(two)).as("same size: kept").isFalse();
    }

    @Test
    void aLargerReportReplacesASmallerOne() {
        Upload two = upload(2);
        Upload one = new Upload("uploads-bucket", UploadKey.parse(two.folder() + "/f0.csv"));
        one.files().add(two.files().get(0));
        one.checks().add(two.checks().get(0));
        assertThat(bucket().writeReportIfLarger(one)).isTrue();
        assertThat(bucket().writeReportIfLarger(two)).isTrue();
        assertThat(s3.read("final-bucket", two.reportKey())).isEqualTo(UploadReport.pretty(two));
    }
}
