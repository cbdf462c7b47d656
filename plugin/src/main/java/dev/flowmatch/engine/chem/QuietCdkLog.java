package dev.flowmatch.engine.chem;

import org.openscience.cdk.tools.ILoggingTool;
import org.openscience.cdk.tools.LoggingToolFactory;

/**
 * A silent logger for the CDK embedded in this plugin. CDK finds neither its SLF4J nor its Log4j adapter in
 * our bundle and falls back to stderr, so a bad input record printed CDK's own "ERROR: … line 5" (a line
 * counted within the record) beside our report of the same record; the readers already turn CDK's errors
 * into per-record reasons. CDK is embedded (lib/ on our Bundle-ClassPath), so this changes only our copy's
 * logging, not that of other CDK-based extensions in the same KNIME.
 */
public final class QuietCdkLog implements ILoggingTool {

    /** Routes every CDK logger created from now on here (loggers are static fields, made at class loading). */
    public static void install() {
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
