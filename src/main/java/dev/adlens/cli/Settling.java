package dev.adlens.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which listed objects the dev poller may label: only a revision seen unchanged in two consecutive listings. An
 * upload in progress shows up in S3Proxy's filesystem store as a temporary part (its key plus a random suffix) whose
 * size grows and which vanishes when the upload completes: labelling it made FAILED items for objects that never
 * existed. A complete object lists the same revision every time, so it is labeled one poll later.
 * Not thread-safe: one poller.
 */
final class Settling {
    private Map<String, String> lastListing = new HashMap<>();

    /** The keys of {@code listing} (key → revision) that also had this revision in the previous listing. */
    List<String> settled(Map<String, String> listing) {
        List<String> out = new ArrayList<>();
        listing.forEach((key, revision) -> {
            if (revision.equals(lastListing.get(key))) {
                out.add(key);
            }
        });
        lastListing = new HashMap<>(listing);
        return out;
    }
}
