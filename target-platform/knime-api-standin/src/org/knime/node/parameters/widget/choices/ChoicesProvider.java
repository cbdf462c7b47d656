package org.knime.node.parameters.widget.choices;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stand-in: on a field, names the provider of the values a dropdown offers. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ChoicesProvider {

    @SuppressWarnings("rawtypes")
    Class<? extends ChoicesStateProvider> value();
}
