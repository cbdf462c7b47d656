package org.knime.core.node.port;

import java.lang.reflect.ParameterizedType;

/** Stand-in helper: the concrete class a serializer subclass was declared for, and a new instance of it. */
final class GenericTypes {

    private GenericTypes() {
    }

    static <T> T newInstanceOfTypeArgument(final Class<?> serializerClass, final Class<T> bound) {
        for (var c = serializerClass; c != null; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> arg && bound.isAssignableFrom(arg)) {
                try {
                    var ctor = arg.getDeclaredConstructor();
                    ctor.setAccessible(true);
                    return bound.cast(ctor.newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(arg.getName() + " needs a public no-argument constructor.", e);
                }
            }
        }
        throw new IllegalStateException(serializerClass.getName() + " does not name the class it serializes.");
    }
}
