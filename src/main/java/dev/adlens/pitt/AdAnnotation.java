package dev.adlens.pitt;

import java.util.ArrayList;
import java.util.List;

/**
 * What the annotators said about one image. {@code topicVotes[c-1]} counts annotators who chose topic c (1..38);
 * {@code topicAnswers} counts every topic answer including "39" (unclear) and free text ("Other"), which therefore
 * lower the targets (disagreement is information). {@code sentimentVotes[c-1]} counts annotators whose list
 * contains sentiment c; {@code sentimentAnnotators} is 0 when the image has no sentiment annotation.
 */
public record AdAnnotation(String key, int[] topicVotes, int topicAnswers, List<String> freeTextTopics,
                           int[] sentimentVotes, int sentimentAnnotators) {
    public AdAnnotation {
        freeTextTopics = List.copyOf(freeTextTopics);
    }

    /** Soft topic targets: share of all topic answers that chose each class (all zero when nobody answered). */
    public float[] topicTargets() {
        return shares(topicVotes, topicAnswers);
    }

    /** Soft sentiment targets: share of annotators that listed each sentiment. */
    public float[] sentimentTargets() {
        return shares(sentimentVotes, sentimentAnnotators);
    }

    public boolean hasSentiments() {
        return sentimentAnnotators > 0;
    }

    /** Topic ids (1-based) with the most votes; several on a tie, empty when no annotator chose a class. */
    public List<Integer> majorityTopics() {
        return argmax(topicVotes);
    }

    /** Sentiment ids with the most votes (several on a tie). */
    public List<Integer> majoritySentiments() {
        return argmax(sentimentVotes);
    }

    private static List<Integer> argmax(int[] votes) {
        int best = 0;
        for (int v : votes) {
            best = Math.max(best, v);
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; best > 0 && i < votes.length; i++) {
            if (votes[i] == best) {
                ids.add(i + 1);
            }
        }
        return ids;
    }

    private static float[] shares(int[] votes, int total) {
        float[] out = new float[votes.length];
        for (int i = 0; total > 0 && i < votes.length; i++) {
            out[i] = (float) votes[i] / total;
        }
        return out;
    }

    @Override
    public String toString() {
        return "AdAnnotation[" + key + ", topics=" + majorityTopics() + ", sentiments=" + majoritySentiments() + "]";
    }
}
