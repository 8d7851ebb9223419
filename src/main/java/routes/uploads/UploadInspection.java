package routes.uploads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.S3Spool;
import routes.shared.TempFiles;


/**
 * Checks every file of an upload with the {@link FileInspector}. A file failing the size rule is not downloaded;
 * the others are spooled to a temporary file (never held in memory), inspected and deleted at once.
 */
public class UploadInspection {
    private static final Logger LOG = LoggerFactory.getLogger(UploadInspection.class);

    private S3Spool spool;
    private FileInspector inspector;
    private long maxBytes;

    public UploadInspection() {
    }

    public UploadInspection(S3Spool spool, FileInspector inspector, long maxBytes) {
        setSpool(spool);
        setInspector(inspector);
        setMaxBytes(maxBytes);
    }

    public void setSpool(S3Spool spool) {
        this.spool = spool;
    }

    public void setInspector(FileInspector inspector) {
        this.inspector = inspector;
    }

    /** The largest file that is downloaded to be checked. */
    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public Upload inspect(Upload upload) {
        upload.checks().clear();
        for (Upload.ListedFile file : upload.files()) {
            FileCheck check;
            if (!inspector.sizeAcceptable(upload.council(), file.size())) {
                check = inspector.inspect(upload.council(), file.key(), file.size(), null);
            } else {
                S3Spool.SpooledObject spooled = spool.spool(upload.bucket(), file.key(), maxBytes);
                try {
                    check = inspector.inspect(upload.council(), file.key(), spooled.size(), CsvInspector.ByteSource.of(spooled.file()));
                } finally {
                    TempFiles.delete(spooled.file());
                }
            }
            LOG.info("Checked {}: valid={} rows={} encoding={} ems={} errors={}", file.key(), check.csvValid(),
                    check.csvRows(), check.csvEncoding(), check.ems(), check.errors());
            upload.checks().add(check);
        }
        return upload;
    }
}
