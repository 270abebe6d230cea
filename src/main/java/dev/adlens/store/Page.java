package dev.adlens.store;

import java.util.List;
import java.util.Optional;

/** One page of a query; {@code nextToken} is opaque to callers and absent on the last page. */
public record Page(List<LabelRecord> items, Optional<String> nextToken) {
}
