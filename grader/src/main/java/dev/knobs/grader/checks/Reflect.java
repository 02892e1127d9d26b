package dev.knobs.grader.checks;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * Calls a student's constructor or static method by its signature, so that the checks can treat
 * a compiled submission like any other implementation. An exception thrown by the student's
 * code comes out as itself, not wrapped.
 */
public final class Reflect {
    private Reflect() {}

    /** Something built from arguments: a constructor or a static method. */
    @FunctionalInterface
    public interface Call {
        /** Calls it with {@code args}. */
        Object call(Object... args);
    }

    /** The public constructor of {@code type} with these parameter types, or a {@link CheckFailure} saying it is missing. */
    public static Call constructor(Class<?> type, Class<?>... parameters) {
        Constructor<?> c;
        try {
            c = type.getConstructor(parameters);
        } catch (NoSuchMethodException e) {
            throw new CheckFailure(type.getSimpleName() + " has no public constructor (" + names(parameters)
                    + "): keep the skeleton's signature");
        }
        return args -> invoke(() -> c.newInstance(args));
    }

    /** The public static method {@code name} of {@code type} with these parameter types. */
    public static Call staticMethod(Class<?> type, String name, Class<?>... parameters) {
        Method m;
        try {
            m = type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            m = null;
        }
        if (m == null || !Modifier.isStatic(m.getModifiers())) {
            throw new CheckFailure(type.getSimpleName() + " has no public static method " + name + "("
                    + names(parameters) + "): keep the skeleton's signature");
        }
        Method method = m;
        return args -> invoke(() -> method.invoke(null, args));
    }

    /** Casts {@code value} to {@code type}, or says which interface the class must implement. */
    public static <T> T as(Class<T> type, Object value) {
        if (!type.isInstance(value)) {
            throw new CheckFailure(value.getClass().getSimpleName() + " does not implement " + type.getName()
                    + ": keep the skeleton's declaration");
        }
        return type.cast(value);
    }

    /** Calls {@code method} on {@code target} (null for a static method) with {@code args}, unwrapping what it throws. */
    public static Object staticOrInstance(java.lang.reflect.Method method, Object target, Object... args) {
        return invoke(() -> method.invoke(Modifier.isStatic(method.getModifiers()) ? null : target, args));
    }

    private interface Invocation {
        Object run() throws ReflectiveOperationException;
    }

    private static Object invoke(Invocation invocation) {
        try {
            return invocation.run();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CheckFailure("your code threw " + cause);
        } catch (ReflectiveOperationException e) {
            throw new CheckFailure("could not call your code: " + e);
        }
    }

    private static String names(Class<?>[] types) {
        return String.join(", ", Arrays.stream(types).map(Class::getSimpleName).toList());
    }
}
