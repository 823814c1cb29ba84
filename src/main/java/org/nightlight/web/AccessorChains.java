package org.nightlight.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;

/**
 * Evaluates the commonest template expression, a chain of the app's own accessors ({@code ${q.text().title()}}),
 * by calling them directly; everything else goes to Thymeleaf's OGNL evaluator. OGNL finds each method by
 * reflection and checks it against Thymeleaf's block list on every call (a stream over the blocked types): a
 * quarter of a page render's time. Only public no-argument methods that classes under {@code org.nightlight}
 * declare are called here, on a variable of the page's model: nothing the block list guards (JDK types,
 * request, session, parameters) is ever reached this way, and any other case, a null on the way included, is
 * OGNL's, with its errors.
 */
final class AccessorChains implements IStandardVariableExpressionEvaluator {

    private static final Pattern CHAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*\\(\\))+");
    private static final String[] NOT_A_CHAIN = {};
    private static final String APP = "org.nightlight.";

    private final IStandardVariableExpressionEvaluator ognl;
    /** Expression text → variable name then method names; {@link #NOT_A_CHAIN} for any other expression. */
    private final Map<String, String[]> chains = new ConcurrentHashMap<>();
    private final ClassValue<Map<String, Optional<Method>>> accessors = new ClassValue<>() {
        @Override
        protected Map<String, Optional<Method>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    AccessorChains(IStandardVariableExpressionEvaluator ognl) {
        this.ognl = ognl;
    }

    @Override
    public Object evaluate(IExpressionContext context, IStandardVariableExpression expression,
            StandardExpressionExecutionContext executionContext) {
        String[] chain = expression.getUseSelectionAsRoot() || executionContext.getPerformTypeConversion()
                || executionContext.getForbidUnsafeExpressionResults() ? NOT_A_CHAIN
                : chains.computeIfAbsent(expression.getExpression(), AccessorChains::parse);
        if (chain.length == 0) {
            return ognl.evaluate(context, expression, executionContext);
        }
        Object value = context.getVariable(chain[0]);
        for (int i = 1; i < chain.length; i++) {
            Method accessor = value == null ? null : accessor(value.getClass(), chain[i]);
            if (accessor == null) {
                return ognl.evaluate(context, expression, executionContext);
            }
            try {
                value = accessor.invoke(value);
            } catch (InvocationTargetException e) {
                throw new TemplateProcessingException("Exception evaluating expression \""
                        + expression.getExpression() + "\"", e.getCause());
            } catch (IllegalAccessException e) {
                return ognl.evaluate(context, expression, executionContext);
            }
        }
        return value;
    }

    static String[] parse(String expression) {
        String trimmed = expression.strip();
        if (!CHAIN.matcher(trimmed).matches()) {
            return NOT_A_CHAIN;
        }
        return trimmed.replace("()", "").split("\\.");
    }

    /** A public no-argument method of {@code type} named so, declared by one of the app's classes; else null. */
    private Method accessor(Class<?> type, String name) {
        if (!type.getName().startsWith(APP)) {
            return null;
        }
        return accessors.get(type).computeIfAbsent(name, n -> {
            try {
                Method method = type.getMethod(n);
                boolean ours = method.getDeclaringClass().getName().startsWith(APP)
                        && method.getReturnType() != void.class && method.trySetAccessible();
                return ours ? Optional.of(method) : Optional.empty();
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }
}
