package dev.flowmatch.engine.compute;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Runs native calls that nothing can stop once started (a TorchScript program may loop for ever, and libtorch has
 * no way to interrupt it) on one daemon thread of their own, while the caller waits, polling its cancellation
 * and a time limit. When either ends the wait, the caller gets control back at once and the thread is
 * abandoned: it keeps its native resources (closing them under running code would crash the JVM) and every later
 * call is refused; the process must end to reclaim the thread.
 */
public final class NativeWork implements AutoCloseable {

    private final ExecutorService m_thread;

    private final String m_what;

    private volatile String m_abandoned;

    /** @param what what the calls run, for thread names and messages (e.g. "TorchScript file enc.pt") */
    public NativeWork(final String what) {
        m_what = what;
        m_thread = Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, "flowmatch native: " + what);
            t.setDaemon(true); // an abandoned call must not keep the JVM alive
            return t;
        });
    }

    /**
     * @param task what to run on the thread
     * @param cancelled polled every 50 ms while waiting
     * @param limit longest wait
     * @param step what the task does, for messages (e.g. "loading")
     * @throws CancellationException when cancelled or past the limit, naming the work and the step, or when an
     *             earlier call was abandoned
     * @throws Exception the task's own exception
     */
    public <T> T call(final Callable<T> task, final BooleanSupplier cancelled, final Duration limit,
        final String step) throws Exception {
        if (m_abandoned != null) {
            throw new CancellationException(m_what + " cannot be used any more: " + m_abandoned + " never returned"
                + " (its thread runs on until this program ends).");
        }
        var future = m_thread.submit(task);
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                return future.get(50, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                boolean stop = cancelled.getAsBoolean();
                if (stop || System.nanoTime() > deadline) {
                    m_abandoned = step;
                    throw new CancellationException(m_what + ": " + step + (stop ? " was cancelled" : " did not finish"
                        + " within " + describe(limit)) + "; its code may never end, and its thread runs on until this"
                        + " program ends (restart to reclaim it).");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                m_abandoned = step;
                throw new CancellationException(m_what + ": " + step + " was interrupted.");
            }
        }
    }

    /** @return true when a call was abandoned: its native resources must be left alone */
    public boolean abandoned() {
        return m_abandoned != null;
    }

    private static String describe(final Duration d) {
        return d.toSeconds() >= 120 ? d.toMinutes() + " minutes" : d.toSeconds() + " s";
    }

    @Override
    public void close() {
        m_thread.shutdown(); // an abandoned call keeps running; shutdown does not wait for it
    }
}
