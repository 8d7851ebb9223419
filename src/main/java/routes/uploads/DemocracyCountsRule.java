package routes.uploads;

import java.util.List;

/**
 * Democracy Counts exports come as two files (stations and districts). An upload of exactly one Democracy Counts file
 * is invalid with {@code Expected 2 files, found 1}; when that file had no other error the failure email is
 * suppressed, because the second file is normally still on its way.
 */
public class DemocracyCountsRule {
    public static final String EXPECTED_TWO = "Expected 2 files, found 1";

    /** Applies the rule to the upload's checks; returns whether the failure email is suppressed. */
    public boolean apply(List<FileCheck> checks) {
        if (checks.size() != 1 || !Ems.DEMOCRACY_COUNTS.equals(checks.get(0).ems())) {
            return false;
        }
        FileCheck only = checks.get(0);
        boolean hadNoOtherError = only.errors().isEmpty();
        only.fail(EXPECTED_TWO);
        return hadNoOtherError;
    }

    /** The route's step: applies the rule to the upload and records the email suppression. */
    public void applyTo(Upload upload) {
        upload.emailSuppressed(apply(upload.checks()));
    }

    /** How many files an upload whose files were checked is expected to have. */
    public static int expectedFiles(List<FileCheck> checks) {
        return checks.stream().anyMatch(c -> Ems.DEMOCRACY_COUNTS.equals(c.ems())) ? 2 : 1;
    }
}
