package org.knime.core.node;

import java.lang.System.Logger.Level;

/** Per-class logger; the stand-in forwards to the JDK's System.Logger. */
public final class NodeLogger {

    private final System.Logger m_logger;

    private NodeLogger(final String name) {
        m_logger = System.getLogger(name);
    }

    public static NodeLogger getLogger(final Class<?> cl) {
        return new NodeLogger(cl.getName());
    }

    public static NodeLogger getLogger(final String name) {
        return new NodeLogger(name);
    }

    public void debug(final Object o) {
        m_logger.log(Level.DEBUG, String.valueOf(o));
    }

    public void debug(final Object o, final Throwable t) {
        m_logger.log(Level.DEBUG, String.valueOf(o), t);
    }

    public void info(final Object o) {
        m_logger.log(Level.INFO, String.valueOf(o));
    }

    public void warn(final Object o) {
        m_logger.log(Level.WARNING, String.valueOf(o));
    }

    public void warn(final Object o, final Throwable t) {
        m_logger.log(Level.WARNING, String.valueOf(o), t);
    }

    public void error(final Object o) {
        m_logger.log(Level.ERROR, String.valueOf(o));
    }

    public void error(final Object o, final Throwable t) {
        m_logger.log(Level.ERROR, String.valueOf(o), t);
    }

    /** A programming error in a node (KNIME reports these in its console). */
    public void coding(final Object o) {
        m_logger.log(Level.ERROR, "CODING PROBLEM\t" + o);
    }
}
