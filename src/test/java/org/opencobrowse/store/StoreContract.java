package org.opencobrowse.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.opencobrowse.testing.SharedRedis;

/** Base of the store contract tests: each test starts on a flushed shared Redis and closes what it connected. */
abstract class StoreContract {
    @BeforeEach
    void flushRedis() {
        SharedRedis.flush();
    }

    @AfterEach
    void closeConnections() {
        StoreKind.closeAll();
    }
}
