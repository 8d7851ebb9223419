package routes.uploads;

import routes.shared.S3ObjectRef;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;

/**
 * Lists an upload: every object directly under {@code <council>/<date>/<timestamp>/} (trailing slash, so a sibling
 * folder with a longer timestamp is not included; all pages), except the exact basename {@code report.json}, in
 * the listing's (key) order.
 */
public class UploadFolders {
    private S3Client s3Client;

    public UploadFolders() {
    }

    public UploadFolders(S3Client s3Client) {
        setS3Client(s3Client);
    }

    public void setS3Client(S3Client s3Client) {
        this.s3Client = s3Client;
    }

    /** The upload the notified object belongs to, with its files listed. */
    public Upload list(List<S3ObjectRef> notified) {
        S3ObjectRef ref = notified.get(0);
        Upload upload = new Upload(ref.bucket(), UploadKey.parse(ref.key()));
        String prefix = upload.folder() + "/";
        for (S3Object object : s3Client.listObjectsV2Paginator(b -> b.bucket(ref.bucket()).prefix(prefix)).contents()) {
            String rest = object.key().substring(prefix.length());
            if (rest.isEmpty() || rest.contains("/") || rest.equals(UploadKey.REPORT_FILE)) {
                continue;
            }
            upload.files().add(new Upload.ListedFile(object.key(), object.size(), object.eTag(), object.lastModified()));
        }
        return upload;
    }
}
