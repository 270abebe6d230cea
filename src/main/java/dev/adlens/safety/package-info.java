/** Brand safety: the publisher's policy ({@code adlens-policy-1}), and one verdict per ad with the flags behind it. */
package dev.adlens.safety;
