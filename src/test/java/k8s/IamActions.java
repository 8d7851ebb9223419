package k8s;

import java.util.Map;
import java.util.Set;

/**
 * SDK operation to the IAM actions that authorise it. Most are the same name under the service's prefix; the
 * exceptions are S3's (HeadObject is s3:GetObject, plus s3:ListBucket to see a missing key as 404; listing is s3:ListBucket, a copy reads one object and writes
 * another), the batch variants (authorised by their single action) and SES v2 (prefix {@code ses}).
 */
final class IamActions {
    private static final Map<String, String> PREFIX = Map.of("s3", "s3", "sqs", "sqs", "dynamodb", "dynamodb", "sns", "sns",
            "ses", "ses", "sesv2", "ses", "sfn", "states");
    private static final Map<String, Set<String>> SPECIAL = Map.ofEntries(
            // HeadObject checks whether a key exists: without s3:ListBucket a missing key answers 403, not 404
            Map.entry("s3:HeadObject", Set.of("s3:GetObject", "s3:ListBucket")),
            Map.entry("s3:HeadBucket", Set.of("s3:ListBucket")),
            Map.entry("s3:ListObjectsV2", Set.of("s3:ListBucket")),
            Map.entry("s3:ListObjects", Set.of("s3:ListBucket")),
            Map.entry("s3:ListBuckets", Set.of("s3:ListAllMyBuckets")),
            Map.entry("s3:CopyObject", Set.of("s3:GetObject", "s3:PutObject")),
            Map.entry("s3:CreateMultipartUpload", Set.of("s3:PutObject")),
            Map.entry("s3:UploadPart", Set.of("s3:PutObject")),
            Map.entry("s3:CompleteMultipartUpload", Set.of("s3:PutObject")),
            Map.entry("sqs:SendMessageBatch", Set.of("sqs:SendMessage")),
            Map.entry("sqs:DeleteMessageBatch", Set.of("sqs:DeleteMessage")),
            Map.entry("sqs:ChangeMessageVisibilityBatch", Set.of("sqs:ChangeMessageVisibility")));
    /** Actions that name no resource: IAM allows them only on "*". */
    static final Set<String> ACCOUNT_LEVEL = Set.of("s3:ListAllMyBuckets", "sqs:ListQueues", "sns:ListTopics", "ses:GetAccount",
            "states:ListActivities");

    private IamActions() {
    }

    /** {@code operation} as {@link AwsCalls} names it ("sesv2:GetAccount"). */
    static Set<String> of(String operation) {
        String service = operation.substring(0, operation.indexOf(':'));
        String name = operation.substring(operation.indexOf(':') + 1);
        String prefix = PREFIX.get(service);
        if (prefix == null) {
            throw new IllegalArgumentException("No IAM prefix known for the SDK client package '" + service + "'");
        }
        return SPECIAL.getOrDefault(prefix + ":" + name, Set.of(prefix + ":" + name));
    }
}
