package org.losslab.kernel.custom;

import java.util.List;

/**
 * The syntax tree of a custom-loss expression, as built by {@link Parser}. Every node remembers the 1-based
 * column where it starts so that later checks could point at it. Nodes are immutable.
 */
final class Ast {
    private Ast() {
    }

    /** A node of the tree. */
    sealed interface Node permits Num, Var, Unary, Binary, Call, Cond {
        int column();
    }

    /** The variables of an expression. */
    enum Variable {
        /** r = p - y: dr/dp = 1. */
        R,
        /** y, the target: dy/dp = 0. */
        Y,
        /** p, the prediction: dp/dp = 1. */
        P
    }

    /** Prefix operators. */
    enum UnaryOp {
        NEG, NOT
    }

    /** Infix operators. */
    enum BinaryOp {
        ADD, SUB, MUL, DIV, POW, LT, LE, GT, GE, EQ, NE, AND, OR
    }

    /** A number literal or a named constant (pi, e). */
    record Num(double value, int column) implements Node {
    }

    /** One of r, y, p. */
    record Var(Variable variable, int column) implements Node {
    }

    /** -a or !a. */
    record Unary(UnaryOp op, Node arg, int column) implements Node {
    }

    /** a OP b. */
    record Binary(BinaryOp op, Node left, Node right, int column) implements Node {
    }

    /** A call of a library function; the argument count has been checked. */
    record Call(Function function, List<Node> args, int column) implements Node {
    }

    /** c ? a : b. */
    record Cond(Node condition, Node then, Node otherwise, int column) implements Node {
    }
}
