package org.nightlight.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;

/**
 * Evaluates the commonest template expressions by calling what they name directly; everything else goes to
 * Thymeleaf's OGNL evaluator. OGNL finds each method by reflection and checks it against Thymeleaf's block list on
 * every call (a stream over the blocked types): a quarter of a page render's time. Handled here: a variable of the
 * page's model ({@code ${lang}}) and calls on it ({@code ${q.text().title()}}, {@code ${html.get(q.itemId())}},
 * {@code ${dates.format(t.reviewedOn())}}, {@code ${assets.url('site.css')}}), where each call is one of
 * <ul>
 * <li>a public method that a class under {@code org.nightlight} declares, with no argument or one (whose type
 * then picks exactly one such method);</li>
 * <li>{@code size()} or {@code isEmpty()} of a collection or map, {@code get(x)} or {@code containsKey(x)} of a
 * map, {@code name()} of an enum;</li>
 * </ul>
 * an argument being a quoted literal or itself such an expression. Nothing the block list guards (the JDK's other
 * types, request, session, parameters) is reachable this way, and any other case, a null on the way included, is
 * OGNL's, with its errors. Comparisons belong outside the braces ({@code ${a} != null}), where Thymeleaf's own
 * operators evaluate them.
 */
final class AccessorChains implements IStandardVariableExpressionEvaluator {

    private static final String APP = "org.nightlight.";
    /** What a step returns when the expression is not ours after all: OGNL evaluates it from the start. */
    private static final Object OGNLS = new Object();
    /** The argument of a call without one. */
    private static final Object NONE = new Object();
    private static final Chain NOT_A_CHAIN = new Chain("", List.of());
    private static final Map<String, Method> COLLECTIONS = Map.of(
            "size", jdk(Collection.class, "size"), "isEmpty", jdk(Collection.class, "isEmpty"));
    private static final Map<String, Method> MAPS = Map.of(
            "size", jdk(Map.class, "size"), "isEmpty", jdk(Map.class, "isEmpty"),
            "get", jdk(Map.class, "get", Object.class), "containsKey", jdk(Map.class, "containsKey", Object.class));
    private static final Method ENUM_NAME = jdk(Enum.class, "name");

    /** A variable of the model, then calls on it. */
    record Chain(String variable, List<Call> calls) {
    }

    /** A method name and its argument: {@link #NONE}, a literal string or a {@link Chain}. */
    record Call(String name, Object argument) {
    }

    private final IStandardVariableExpressionEvaluator ognl;
    /** Expression text → its chain, or {@link #NOT_A_CHAIN} for any other expression. */
    private final Map<String, Chain> chains = new ConcurrentHashMap<>();
    /** A method name and the class of its argument (null: none). */
    private record Signature(String name, Class<?> argument) {
    }

    /** Per receiver class: the method a signature calls, or none (OGNL's then). */
    private final ClassValue<Map<Signature, Optional<Method>>> methods = new ClassValue<>() {
        @Override
        protected Map<Signature, Optional<Method>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    AccessorChains(IStandardVariableExpressionEvaluator ognl) {
        this.ognl = ognl;
    }

    @Override
    public Object evaluate(IExpressionContext context, IStandardVariableExpression expression,
            StandardExpressionExecutionContext executionContext) {
        Chain chain = expression.getUseSelectionAsRoot() || executionContext.getPerformTypeConversion()
                || executionContext.getForbidUnsafeExpressionResults() ? NOT_A_CHAIN
                : chains.computeIfAbsent(expression.getExpression(), AccessorChains::parse);
        Object value = chain == NOT_A_CHAIN ? OGNLS : evaluate(chain, context, expression);
        return value == OGNLS ? ognl.evaluate(context, expression, executionContext) : value;
    }

    private Object evaluate(Chain chain, IExpressionContext context, IStandardVariableExpression expression) {
        if (!context.containsVariable(chain.variable())) {
            return OGNLS;
        }
        Object value = context.getVariable(chain.variable());
        for (Call call : chain.calls()) {
            Object argument = call.argument() instanceof Chain inner ? evaluate(inner, context, expression)
                    : call.argument();
            Method method = value == null || argument == null || argument == OGNLS ? null
                    : method(value.getClass(), call.name(), argument);
            if (method == null) {
                return OGNLS;
            }
            try {
                value = argument == NONE ? method.invoke(value) : method.invoke(value, argument);
            } catch (InvocationTargetException e) {
                throw new TemplateProcessingException("Exception evaluating expression \""
                        + expression.getExpression() + "\"", e.getCause());
            } catch (IllegalAccessException e) {
                return OGNLS;
            }
        }
        return value;
    }

    /** The chain an expression is, or {@link #NOT_A_CHAIN}. */
    static Chain parse(String expression) {
        Parser parser = new Parser(expression.strip());
        Chain chain = parser.chain();
        return chain != null && parser.atEnd() ? chain : NOT_A_CHAIN;
    }

    /** {@code chain := name ('.' name '(' [chain | 'literal'] ')')*}; null where the text is anything else. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at == text.length();
        }

        Chain chain() {
            String variable = name();
            if (variable == null) {
                return null;
            }
            List<Call> calls = new java.util.ArrayList<>();
            while (take('.')) {
                String name = name();
                if (name == null || !take('(')) {
                    return null;
                }
                Object argument = NONE;
                if (take('\'')) {
                    int end = text.indexOf('\'', at);
                    if (end < 0 || text.substring(at, end).indexOf('\\') >= 0) {
                        return null;
                    }
                    argument = text.substring(at, end);
                    at = end + 1;
                } else if (at < text.length() && text.charAt(at) != ')') {
                    argument = chain();
                    if (argument == null) {
                        return null;
                    }
                }
                if (!take(')')) {
                    return null;
                }
                calls.add(new Call(name, argument));
            }
            return new Chain(variable, List.copyOf(calls));
        }

        private String name() {
            int start = at;
            while (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_'
                    || (at > start && Character.isDigit(text.charAt(at))))) {
                at++;
            }
            return at > start ? text.substring(start, at) : null;
        }

        private boolean take(char expected) {
            if (at < text.length() && text.charAt(at) == expected) {
                at++;
                return true;
            }
            return false;
        }
    }

    /** The method a call means on {@code type} with this argument ({@link #NONE} or a value), or null. */
    private Method method(Class<?> type, String name, Object argument) {
        Signature signature = new Signature(name, argument == NONE ? null : argument.getClass());
        return methods.get(type).computeIfAbsent(signature, k -> Optional.ofNullable(find(type, name, argument)))
                .orElse(null);
    }

    private static Method find(Class<?> type, String name, Object argument) {
        if (Map.class.isAssignableFrom(type)) {
            Method method = MAPS.get(name);
            return method != null && (method.getParameterCount() == 1) == (argument != NONE) ? method : null;
        }
        if (Collection.class.isAssignableFrom(type)) {
            return argument == NONE ? COLLECTIONS.get(name) : null;
        }
        if (Enum.class.isAssignableFrom(type)) {
            return argument == NONE && name.equals("name") ? ENUM_NAME : null;
        }
        if (!type.getName().startsWith(APP)) {
            return null;
        }
        Method found = null;
        for (Method method : type.getMethods()) {
            boolean fits = method.getName().equals(name) && !Modifier.isStatic(method.getModifiers())
                    && !method.isBridge() && method.getDeclaringClass().getName().startsWith(APP)
                    && method.getReturnType() != void.class
                    && (argument == NONE ? method.getParameterCount() == 0 : method.getParameterCount() == 1
                            && boxed(method.getParameterTypes()[0]).isInstance(argument));
            if (fits) {
                if (found != null) {
                    return null; // two fit: OGNL's choice
                }
                found = method;
            }
        }
        return found != null && found.trySetAccessible() ? found : null;
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
    }

    private static Method jdk(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
