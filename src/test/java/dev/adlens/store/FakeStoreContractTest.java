package dev.adlens.store;

import dev.adlens.ingest.InMemory;

/** The contract on the test fake: the policy tests' store behaves as the real one. */
@dev.adlens.UnitTest
class FakeStoreContractTest extends LabelStoreContract {
    final InMemory.FakeStore store = new InMemory.FakeStore();

    @Override
    LabelStore store() {
        return store;
    }
}
