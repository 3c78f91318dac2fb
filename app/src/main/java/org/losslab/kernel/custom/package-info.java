/**
 * Custom losses typed by the user: {@code custom:<expr>}, where the expression is a function of r = p - y, y and p.
 *
 * <p>{@link org.losslab.kernel.custom.Parser} reads the text by recursive descent (grammar, precedence and
 * guards are documented there) into an {@link org.losslab.kernel.custom.Ast} tree;
 * {@link org.losslab.kernel.custom.Program} compiles the tree into step objects that evaluate the loss and its
 * first and second derivatives with respect to p on dual numbers (the rules are documented there);
 * {@link org.losslab.kernel.custom.ExpressionLoss} is the kernel. Errors are
 * {@link org.losslab.kernel.custom.ExpressionSyntaxException}s with the 1-based column. Like the rest of the kernel
 * library, this package depends on nothing but the JDK.
 */
package org.losslab.kernel.custom;
