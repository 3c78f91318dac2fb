package org.losslab.kernel.custom;

import java.util.ArrayList;
import java.util.List;

import org.losslab.kernel.custom.Ast.BinaryOp;
import org.losslab.kernel.custom.Ast.Node;
import org.losslab.kernel.custom.Ast.UnaryOp;
import org.losslab.kernel.custom.Ast.Variable;

/**
 * A hand-written recursive-descent parser for custom-loss expressions. The grammar, from the lowest precedence
 * to the highest:
 *
 * <pre>
 * expr    := or [ '?' expr ':' expr ]                 conditional, right-associative
 * or      := and { '||' and }
 * and     := cmp { '&amp;&amp;' cmp }
 * cmp     := add { ('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!=') add }   1 or 0, left-associative
 * add     := mul { ('+' | '-') mul }
 * mul     := unary { ('*' | '/') unary }
 * unary   := ('-' | '+' | '!') unary | power
 * power   := primary [ '^' unary ]                    right-associative: 2^3^2 = 2^(3^2)
 * primary := NUMBER | NAME | NAME '(' expr { ',' expr } ')' | '(' expr ')'
 * NUMBER  := digits [ '.' [digits] ] [ exponent ] | '.' digits [ exponent ];  exponent := ('e'|'E') ['+'|'-'] digits
 * NAME    := letter { letter | digit | '_' }            r, y, p, pi, e, or a function name
 * </pre>
 *
 * Because {@code unary} sits above {@code power}, {@code -r^2} is {@code -(r^2)} as in mathematics, while an
 * exponent may itself carry a sign: {@code r^-2}. Blanks (space, tab, new line) separate tokens and are otherwise
 * ignored; the Unicode minus sign U+2212 reads as '-'.
 *
 * <p>Guards: at most {@link #MAX_LENGTH} characters, and at most {@link #MAX_DEPTH} levels of nesting, where a
 * level is a sub-expression (the whole text, a parenthesis, a function argument, a conditional branch), a prefix
 * operator or an exponent. The depth is counted on the way down, before recursing, so that ten thousand
 * {@code (} end in a clean {@link ExpressionSyntaxException} instead of a {@link StackOverflowError}; each level
 * costs at most ten Java frames.
 *
 * <p>Every error is an {@link ExpressionSyntaxException} whose message ends with the 1-based column.
 */
final class Parser {
    /** The longest expression accepted, in characters. */
    static final int MAX_LENGTH = 2000;
    /** The deepest nesting accepted. */
    static final int MAX_DEPTH = 200;

    private enum Kind { NUMBER, NAME, OP, END }

    private final String text;
    private final List<Kind> kinds = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<Integer> columns = new ArrayList<>();
    private final List<Double> numbers = new ArrayList<>();
    private int pos;
    private int depth;

    private Parser(String text) {
        this.text = text;
    }

    /**
     * Parses a whole expression.
     *
     * @throws ExpressionSyntaxException for any problem, with its column
     */
    static Node parse(String text) {
        return parse(text, MAX_LENGTH);
    }

    /** Parses with another length limit (tests use it to reach the depth guard with very long input). */
    static Node parse(String text, int maxLength) {
        if (text == null) {
            throw new ExpressionSyntaxException("empty expression", 1);
        }
        if (text.length() > maxLength) {
            throw new ExpressionSyntaxException("expression too long: " + text.length() + " characters, at most "
                    + maxLength + " allowed", maxLength + 1);
        }
        Parser parser = new Parser(text);
        parser.lex();
        if (parser.kind() == Kind.END) {
            throw new ExpressionSyntaxException("empty expression", parser.column());
        }
        Node node = parser.expr();
        if (parser.kind() != Kind.END) {
            throw parser.unexpected();
        }
        return node;
    }

    // ---------------------------------------------------------------- lexer

    private void lex() {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(text.charAt(i + 1)))) {
                i = lexNumber(i);
            } else if (isLetter(c)) {
                int start = i;
                while (i < n && (isLetter(text.charAt(i)) || isDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                add(Kind.NAME, text.substring(start, i), start, 0);
            } else {
                String two = i + 1 < n ? text.substring(i, i + 2) : "";
                if (two.equals("<=") || two.equals(">=") || two.equals("==") || two.equals("!=")
                        || two.equals("&&") || two.equals("||")) {
                    add(Kind.OP, two, i, 0);
                    i += 2;
                } else if ("+-*/^()<>!?:,".indexOf(c) >= 0) {
                    add(Kind.OP, String.valueOf(c), i, 0);
                    i++;
                } else if (c == '\u2212') {
                    add(Kind.OP, "-", i, 0);
                    i++;
                } else if (c == '=') {
                    throw new ExpressionSyntaxException("unexpected '=' (write == to compare)", i + 1);
                } else if (c == '&' || c == '|') {
                    throw new ExpressionSyntaxException("unexpected '" + c + "' (write " + c + c + ")", i + 1);
                } else {
                    throw new ExpressionSyntaxException("unexpected character " + describe(c), i + 1);
                }
            }
        }
        add(Kind.END, "", n, 0);
    }

    private int lexNumber(int start) {
        int n = text.length();
        int i = start;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(text.charAt(j))) {
                while (j < n && isDigit(text.charAt(j))) {
                    j++;
                }
                i = j;
            } else {
                throw new ExpressionSyntaxException("malformed number '" + text.substring(start, j)
                        + "' (exponent needs digits)", start + 1);
            }
        }
        if (i < n && (isLetter(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '.')) {
            int j = i;
            while (j < n && (isLetter(text.charAt(j)) || isDigit(text.charAt(j)) || text.charAt(j) == '_'
                    || text.charAt(j) == '.')) {
                j++;
            }
            throw new ExpressionSyntaxException("malformed number '" + text.substring(start, j) + "'", start + 1);
        }
        String literal = text.substring(start, i);
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            throw new ExpressionSyntaxException("number '" + literal + "' is too large", start + 1);
        }
        add(Kind.NUMBER, literal, start, value);
        return i;
    }

    private void add(Kind kind, String tokenText, int index, double number) {
        kinds.add(kind);
        texts.add(tokenText);
        columns.add(index + 1);
        numbers.add(number);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String describe(char c) {
        if (c < ' ' || Character.isSurrogate(c) || Character.isISOControl(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    // ---------------------------------------------------------------- tokens

    private Kind kind() {
        return kinds.get(pos);
    }

    private String tok() {
        return texts.get(pos);
    }

    private int column() {
        return columns.get(pos);
    }

    private boolean isOp(String op) {
        return kind() == Kind.OP && tok().equals(op);
    }

    /** The error for the current token when it cannot start or continue what is being parsed. */
    private ExpressionSyntaxException unexpected() {
        if (kind() == Kind.END) {
            return new ExpressionSyntaxException("unexpected end of expression", column());
        }
        return new ExpressionSyntaxException("unexpected '" + tok() + "'", column());
    }

    private void expect(String op) {
        if (!isOp(op)) {
            throw new ExpressionSyntaxException("expected '" + op + "'", column());
        }
        pos++;
    }

    private void descend() {
        if (++depth > MAX_DEPTH) {
            throw new ExpressionSyntaxException("expression nested too deeply (more than " + MAX_DEPTH
                    + " levels)", column());
        }
    }

    // ---------------------------------------------------------------- grammar

    private Node expr() {
        descend();
        int col = column();
        Node condition = or();
        Node result = condition;
        if (isOp("?")) {
            pos++;
            Node then = expr();
            expect(":");
            Node otherwise = expr();
            result = new Ast.Cond(condition, then, otherwise, col);
        }
        depth--;
        return result;
    }

    private Node or() {
        int col = column();
        Node left = and();
        while (isOp("||")) {
            pos++;
            left = new Ast.Binary(BinaryOp.OR, left, and(), col);
        }
        return left;
    }

    private Node and() {
        int col = column();
        Node left = cmp();
        while (isOp("&&")) {
            pos++;
            left = new Ast.Binary(BinaryOp.AND, left, cmp(), col);
        }
        return left;
    }

    private Node cmp() {
        int col = column();
        Node left = add();
        while (true) {
            BinaryOp op = kind() != Kind.OP ? null : switch (tok()) {
                case "<" -> BinaryOp.LT;
                case "<=" -> BinaryOp.LE;
                case ">" -> BinaryOp.GT;
                case ">=" -> BinaryOp.GE;
                case "==" -> BinaryOp.EQ;
                case "!=" -> BinaryOp.NE;
                default -> null;
            };
            if (op == null) {
                return left;
            }
            pos++;
            left = new Ast.Binary(op, left, add(), col);
        }
    }

    private Node add() {
        int col = column();
        Node left = mul();
        while (isOp("+") || isOp("-")) {
            BinaryOp op = tok().equals("+") ? BinaryOp.ADD : BinaryOp.SUB;
            pos++;
            left = new Ast.Binary(op, left, mul(), col);
        }
        return left;
    }

    private Node mul() {
        int col = column();
        Node left = unary();
        while (isOp("*") || isOp("/")) {
            BinaryOp op = tok().equals("*") ? BinaryOp.MUL : BinaryOp.DIV;
            pos++;
            left = new Ast.Binary(op, left, unary(), col);
        }
        return left;
    }

    private Node unary() {
        if (isOp("-") || isOp("+") || isOp("!")) {
            int col = column();
            String op = tok();
            pos++;
            descend();
            Node arg = unary();
            depth--;
            return switch (op) {
                case "-" -> new Ast.Unary(UnaryOp.NEG, arg, col);
                case "!" -> new Ast.Unary(UnaryOp.NOT, arg, col);
                default -> arg;
            };
        }
        return power();
    }

    private Node power() {
        int col = column();
        Node base = primary();
        if (isOp("^")) {
            pos++;
            descend();
            Node exponent = unary();
            depth--;
            return new Ast.Binary(BinaryOp.POW, base, exponent, col);
        }
        return base;
    }

    private Node primary() {
        int col = column();
        switch (kind()) {
            case NUMBER -> {
                double v = numbers.get(pos);
                pos++;
                return new Ast.Num(v, col);
            }
            case NAME -> {
                return name();
            }
            case OP -> {
                if (isOp("(")) {
                    pos++;
                    Node inner = expr();
                    expect(")");
                    return inner;
                }
                throw unexpected();
            }
            default -> throw unexpected();
        }
    }

    private Node name() {
        int col = column();
        String name = tok();
        pos++;
        Function function = Function.byName(name);
        if (function != null) {
            if (!isOp("(")) {
                throw new ExpressionSyntaxException("function " + name + " needs its arguments in parentheses",
                        column());
            }
            pos++;
            List<Node> args = new ArrayList<>();
            if (!isOp(")")) {
                args.add(expr());
                while (isOp(",")) {
                    pos++;
                    args.add(expr());
                }
            }
            expect(")");
            if (args.size() != function.arity()) {
                throw new ExpressionSyntaxException("function " + name + " takes " + function.arity()
                        + (function.arity() == 1 ? " argument" : " arguments") + ", got " + args.size(), col);
            }
            return new Ast.Call(function, List.copyOf(args), col);
        }
        Node leaf = switch (name) {
            case "r" -> new Ast.Var(Variable.R, col);
            case "y" -> new Ast.Var(Variable.Y, col);
            case "p" -> new Ast.Var(Variable.P, col);
            case "pi" -> new Ast.Num(Math.PI, col);
            case "e" -> new Ast.Num(Math.E, col);
            default -> null;
        };
        if (leaf == null && isOp("(")) {
            throw new ExpressionSyntaxException("unknown function '" + name + "'", col);
        }
        if (leaf == null) {
            throw new ExpressionSyntaxException("unknown name '" + name + "'", col);
        }
        if (isOp("(")) {
            throw new ExpressionSyntaxException("'" + name + "' is not a function", col);
        }
        return leaf;
    }
}
