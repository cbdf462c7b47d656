package org.knime.node.parameters.layout;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks an (empty) interface as a titled section of the dialog; fields join it with {@link Layout}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Section {

    String title() default "";

    String description() default "";

    boolean sideDrawer() default false;
}
