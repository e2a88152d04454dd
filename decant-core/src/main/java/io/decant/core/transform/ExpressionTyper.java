package io.decant.core.transform;

import io.decant.core.spec.Reference;
import io.decant.core.spec.Suggest;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.commons.jexl3.parser.ASTAddNode;
import org.apache.commons.jexl3.parser.ASTAndNode;
import org.apache.commons.jexl3.parser.ASTDivNode;
import org.apache.commons.jexl3.parser.ASTEQNode;
import org.apache.commons.jexl3.parser.ASTEWNode;
import org.apache.commons.jexl3.parser.ASTEmptyFunction;
import org.apache.commons.jexl3.parser.ASTFalseNode;
import org.apache.commons.jexl3.parser.ASTGENode;
import org.apache.commons.jexl3.parser.ASTGTNode;
import org.apache.commons.jexl3.parser.ASTIdentifier;
import org.apache.commons.jexl3.parser.ASTJexlScript;
import org.apache.commons.jexl3.parser.ASTLENode;
import org.apache.commons.jexl3.parser.ASTLTNode;
import org.apache.commons.jexl3.parser.ASTModNode;
import org.apache.commons.jexl3.parser.ASTMulNode;
import org.apache.commons.jexl3.parser.ASTNENode;
import org.apache.commons.jexl3.parser.ASTNEWNode;
import org.apache.commons.jexl3.parser.ASTNSWNode;
import org.apache.commons.jexl3.parser.ASTNotNode;
import org.apache.commons.jexl3.parser.ASTNullLiteral;
import org.apache.commons.jexl3.parser.ASTNullpNode;
import org.apache.commons.jexl3.parser.ASTNumberLiteral;
import org.apache.commons.jexl3.parser.ASTOrNode;
import org.apache.commons.jexl3.parser.ASTReferenceExpression;
import org.apache.commons.jexl3.parser.ASTSWNode;
import org.apache.commons.jexl3.parser.ASTSizeFunction;
import org.apache.commons.jexl3.parser.ASTStringLiteral;
import org.apache.commons.jexl3.parser.ASTSubNode;
import org.apache.commons.jexl3.parser.ASTTernaryNode;
import org.apache.commons.jexl3.parser.ASTTrueNode;
import org.apache.commons.jexl3.parser.ASTUnaryMinusNode;
import org.apache.commons.jexl3.parser.JexlNode;

/**
 * Decides an expression's result type at compile time by walking JEXL's syntax tree, and refuses
 * every construct that is not on a short list (property access, function calls, regexes, templates,
 * ...): what is allowed is written here, not what is forbidden. JEXL's parser classes are public
 * but not its stable API; the parent pom pins JEXL, and {@code ExpressionsTest} covers each node kind.
 *
 * <p>Types: a column has its own type; literals are text, int64 ({@code 1}), decimal ({@code 1.5B})
 * or float64 ({@code 1.5}); comparisons and logic give boolean; {@code +} with text gives text;
 * arithmetic on integers gives int64, with a decimal gives decimal, with a float float64;
 * {@code a ? b : c}, {@code a ?: b} and {@code a ?? b} give the common type of their branches, where
 * {@code null} fits any type. A result that is only ever NULL is typed as text.
 */
final class ExpressionTyper {
    private final Map<String, LogicalType> columns;

    ExpressionTyper(Map<String, LogicalType> columns) {
        this.columns = columns;
    }

    /** Thrown with a message for the user. */
    static final class TypeError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TypeError(String message) {
            super(message, null, false, false);
        }
    }

    LogicalType resultType(ASTJexlScript script) {
        if (script.jjtGetNumChildren() != 1) {
            throw new TypeError("expected one expression");
        }
        LogicalType t = type(script.jjtGetChild(0));
        return t == null ? LogicalType.TEXT : t;
    }

    /** The node's type; {@code null} for the literal {@code null}, which fits any type. */
    private LogicalType type(JexlNode n) {
        if (n instanceof ASTIdentifier id) {
            return column(id.getName());
        }
        if (n instanceof ASTNullLiteral) {
            return null;
        }
        if (n instanceof ASTTrueNode || n instanceof ASTFalseNode) {
            return LogicalType.BOOLEAN;
        }
        if (n instanceof ASTStringLiteral) {
            return LogicalType.TEXT;
        }
        if (n instanceof ASTNumberLiteral num) {
            Class<?> c = num.getLiteralClass();
            if (c == BigDecimal.class) {
                return LogicalType.DECIMAL;
            }
            return c == Double.class || c == Float.class ? LogicalType.FLOAT64 : LogicalType.INT64;
        }
        if (n instanceof ASTReferenceExpression) {
            return type(only(n));
        }
        if (n instanceof ASTTernaryNode) {
            if (n.jjtGetNumChildren() == 3) {
                type(n.jjtGetChild(0));
                return common(type(n.jjtGetChild(1)), type(n.jjtGetChild(2)), "the branches of ?:");
            }
            return common(type(n.jjtGetChild(0)), type(n.jjtGetChild(1)), "the sides of ?:");
        }
        if (n instanceof ASTNullpNode) {
            return common(type(n.jjtGetChild(0)), type(n.jjtGetChild(1)), "the sides of ??");
        }
        if (n instanceof ASTAndNode || n instanceof ASTOrNode || n instanceof ASTNotNode || n instanceof ASTEmptyFunction) {
            for (int i = 0; i < n.jjtGetNumChildren(); i++) {
                type(n.jjtGetChild(i));
            }
            return LogicalType.BOOLEAN;
        }
        if (n instanceof ASTEQNode || n instanceof ASTNENode || n instanceof ASTLTNode || n instanceof ASTLENode
                || n instanceof ASTGTNode || n instanceof ASTGENode) {
            common(type(n.jjtGetChild(0)), type(n.jjtGetChild(1)), "the sides of a comparison");
            return LogicalType.BOOLEAN;
        }
        if (n instanceof ASTSWNode || n instanceof ASTEWNode || n instanceof ASTNSWNode || n instanceof ASTNEWNode) {
            for (int i = 0; i < 2; i++) {
                LogicalType t = type(n.jjtGetChild(i));
                if (t != null && t.kind() != Kind.TEXT) {
                    throw new TypeError("=^ and =$ compare text, not " + t);
                }
            }
            return LogicalType.BOOLEAN;
        }
        if (n instanceof ASTAddNode) {
            LogicalType acc = type(n.jjtGetChild(0));
            for (int i = 1; i < n.jjtGetNumChildren(); i++) {
                LogicalType next = type(n.jjtGetChild(i));
                acc = isText(acc) || isText(next) ? LogicalType.TEXT : numeric(acc, next, "+");
            }
            return acc;
        }
        if (n instanceof ASTSubNode || n instanceof ASTMulNode || n instanceof ASTDivNode || n instanceof ASTModNode) {
            String op = n instanceof ASTSubNode ? "-" : n instanceof ASTMulNode ? "*" : n instanceof ASTDivNode ? "/" : "%";
            LogicalType acc = type(n.jjtGetChild(0));
            for (int i = 1; i < n.jjtGetNumChildren(); i++) {
                acc = numeric(acc, type(n.jjtGetChild(i)), op);
            }
            return acc;
        }
        if (n instanceof ASTUnaryMinusNode) {
            return numeric(type(only(n)), LogicalType.INT64, "-");
        }
        if (n instanceof ASTSizeFunction) {
            type(only(n));
            return LogicalType.INT64;
        }
        throw new TypeError(describe(n) + " is not allowed in decant expressions; allowed: column names, constants,"
                + " ?:, ??, comparisons, &&, ||, !, + - * / %, size(), empty()");
    }

    private static JexlNode only(JexlNode n) {
        return n.jjtGetChild(0);
    }

    private LogicalType column(String name) {
        LogicalType t = columns.get(name);
        if (t == null) {
            throw new TypeError("unknown column '" + name + "'" + Suggest.hint(name, columns.keySet())
                    + "; columns: " + String.join(", ", columns.keySet()));
        }
        return t;
    }

    private static boolean isText(LogicalType t) {
        return t != null && t.kind() == Kind.TEXT;
    }

    private static String describe(JexlNode n) {
        String name = n.getClass().getSimpleName().replaceFirst("^AST", "").replaceFirst("Node$", "");
        return switch (name) {
            case "Reference" -> "property access";
            case "FunctionNode" , "Function" -> "a function call";
            case "ER", "NR" -> "a regular expression match";
            case "JxltLiteral" -> "a template literal";
            default -> "'" + name + "'";
        };
    }

    /** Arithmetic: integers give int64; with a decimal, decimal; with a float, float64. */
    private static LogicalType numeric(LogicalType a, LogicalType b, String op) {
        for (LogicalType t : new LogicalType[] {a, b}) {
            if (t != null && !(t.kind().isInteger() || t.kind().isFloat() || t.kind() == Kind.DECIMAL)) {
                throw new TypeError("operator " + op + " needs numbers, not " + t);
            }
        }
        if (a == null || b == null) {
            return a == null ? widen(b) : widen(a);
        }
        Kind x = a.kind();
        Kind y = b.kind();
        if ((x == Kind.DECIMAL && y.isFloat()) || (y == Kind.DECIMAL && x.isFloat())) {
            throw new TypeError("operator " + op + " mixes a decimal with a float; write decimal constants with a B"
                    + " suffix (1.5B) so that no binary rounding reaches a decimal");
        }
        if (x == Kind.DECIMAL || y == Kind.DECIMAL) {
            return LogicalType.DECIMAL;
        }
        if (x.isFloat() || y.isFloat()) {
            return LogicalType.FLOAT64;
        }
        return LogicalType.INT64;
    }

    private static LogicalType widen(LogicalType t) {
        if (t == null || t.kind().isInteger()) {
            return LogicalType.INT64;
        }
        return t.kind().isFloat() ? LogicalType.FLOAT64 : LogicalType.DECIMAL;
    }

    /** The type two branches share; NULL fits either, and numbers meet as in arithmetic. */
    private static LogicalType common(LogicalType a, LogicalType b, String what) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        if (a.equals(b)) {
            return a;
        }
        if (a.kind() == b.kind() && a.kind() != Kind.ARRAY) {
            return a.kind() == Kind.DECIMAL ? LogicalType.DECIMAL : a.kind() == Kind.TEXT ? LogicalType.TEXT : a;
        }
        boolean an = a.kind().isInteger() || a.kind().isFloat() || a.kind() == Kind.DECIMAL;
        boolean bn = b.kind().isInteger() || b.kind().isFloat() || b.kind() == Kind.DECIMAL;
        if (an && bn) {
            return numeric(a, b, "in " + what);
        }
        throw new TypeError(what + " have different types: " + a + " and " + b);
    }
}
