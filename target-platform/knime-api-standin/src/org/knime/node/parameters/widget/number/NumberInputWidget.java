package org.knime.node.parameters.widget.number;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MaxValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation;

/** Bounds for a numeric parameter, checked by the dialog. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface NumberInputWidget {

    Class<? extends MinValidation> minValidation() default Unbounded.NoMin.class;

    Class<? extends MaxValidation> maxValidation() default Unbounded.NoMax.class;
}
