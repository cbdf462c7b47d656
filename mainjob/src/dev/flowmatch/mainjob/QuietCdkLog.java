package dev.flowmatch.mainjob;

import org.openscience.cdk.tools.ILoggingTool;
import org.openscience.cdk.tools.LoggingToolFactory;

/**
 * CDK's logger for the main job: silent. Without SLF4J or Log4j on the class path CDK logs to stderr, so a
 * bad input record printed CDK's own "ERROR: … line 5" (a line number within the record) beside the main
 * job's report of the same record; the readers already turn CDK's errors into per-record reasons.
 */
public final class QuietCdkLog implements ILoggingTool {

    /** Routes every CDK logger created from now on here. */
    static void install() {
        LoggingToolFactory.setLoggingToolClass(QuietCdkLog.class);
    }

    /** Called by {@link LoggingToolFactory} (reflection) for each class that asks for a logger. */
    public static ILoggingTool create(final Class<?> sourceClass) {
        return new QuietCdkLog();
    }

    @Override
    public void dumpSystemProperties() {
    }

    @Override
    public void setStackLength(final int length) {
    }

    @Override
    public void dumpClasspath() {
    }

    @Override
    public void debug(final Object object) {
    }

    @Override
    public void debug(final Object object, final Object... objects) {
    }

    @Override
    public void error(final Object object) {
    }

    @Override
    public void error(final Object object, final Object... objects) {
    }

    @Override
    public void fatal(final Object object) {
    }

    @Override
    public void info(final Object object) {
    }

    @Override
    public void info(final Object object, final Object... objects) {
    }

    @Override
    public void warn(final Object object) {
    }

    @Override
    public void warn(final Object object, final Object... objects) {
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public void setLevel(final int level) {
    }

    @Override
    public int getLevel() {
        return OFF;
    }
}
