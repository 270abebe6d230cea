package dev.adlens.labels;

import dev.adlens.error.ErrorCode;

/** Every input ends as one of these: labels, or a recorded failure with its typed reason. */
public sealed interface LabelOutcome {
    String image();

    record Labeled(AdLabels labels) implements LabelOutcome {
        @Override
        public String image() {
            return labels.image();
        }
    }

    record Failed(String image, ErrorCode code, String message) implements LabelOutcome {
    }
}
