package dev.adlens.store;

import dev.adlens.UnitTest;

/** The contract on the in-memory store: the policy tests' table behaves as the real one (LabelTableTest). */
@UnitTest
class InMemoryLabelStoreTest extends LabelStoreContract {
    final InMemoryLabelStore store = new InMemoryLabelStore();

    @Override
    LabelStore store() {
        return store;
    }
}
