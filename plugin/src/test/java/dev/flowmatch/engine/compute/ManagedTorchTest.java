package dev.flowmatch.engine.compute;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

/** Tests on tensors: one CPU manager per test class, closed after it (test classes run one at a time). */
public abstract class ManagedTorchTest {

    protected static NDManager s_manager;

    @BeforeAll
    static void openManager() {
        s_manager = TorchRuntime.newManager(Device.cpu());
    }

    @AfterAll
    static void closeManager() {
        s_manager.close();
    }
}
