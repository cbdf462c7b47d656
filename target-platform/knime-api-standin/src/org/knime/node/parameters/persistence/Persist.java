package org.knime.node.parameters.persistence;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Overrides the config key of a field (default: the field name). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Persist {

    String configKey() default "";

    /** Hidden settings get the suffix "_Internals" and cannot be set by flow variables. */
    boolean hidden() default false;
}
