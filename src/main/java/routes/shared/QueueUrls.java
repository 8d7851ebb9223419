package routes.shared;

import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** SQS queue URLs by queue name, each looked up once (GetQueueUrl); a name that is already a URL is used as it is. */
public final class QueueUrls {
    private final SqsClient sqs;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    public QueueUrls(SqsClient sqs) {
        this.sqs = sqs;
    }

    public String of(String queue) {
        return queue.startsWith("http") ? queue
                : urls.computeIfAbsent(queue, q -> sqs.getQueueUrl(b -> b.queueName(q)).queueUrl());
    }
}
