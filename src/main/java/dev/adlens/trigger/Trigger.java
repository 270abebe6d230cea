package dev.adlens.trigger;

import java.util.List;

/** What invoked the function; each shape is answered in its own way (see TriggerProcessor). */
public sealed interface Trigger {
    /** An S3 notification or an EventBridge event delivered straight to the function (asynchronous invoke). */
    record Direct(Source source, List<ObjectEvent> events, int ignored) implements Trigger {
    }

    /** An SQS batch: each message is acknowledged or reported back (batchItemFailures) on its own. */
    record Queue(List<Message> messages) implements Trigger {
    }

    /** An S3 Batch Operations job invocation: every task gets a result code. */
    record BatchJob(String invocationId, String schemaVersion, List<Task> tasks) implements Trigger {
    }

    enum Source { S3_NOTIFICATION, EVENTBRIDGE, S3_TEST_EVENT }

    /**
     * @param events  the created objects in the message body (none for s3:TestEvent or ObjectRemoved)
     * @param invalid why the body could not be read, or null: such a message is retried and ends in the DLQ
     */
    record Message(String messageId, List<ObjectEvent> events, String invalid) {
    }

    /** @param event null with {@code invalid} set when the task names no usable object */
    record Task(String taskId, ObjectEvent event, String invalid) {
    }
}
