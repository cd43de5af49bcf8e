-- SQL joins string constants separated by whitespace with a newline. psql reads a file line by line and
-- never sees that newline, so for psql (and so for the splitter) every line's string stands alone.
SELECT 'first part; '
       'second part' AS joined;
SELECT 'a'
-- a comment between the parts
'b' AS joined_across_a_comment;
SELECT E'escape\t'
       'then standard' AS mixed_join;
SELECT U&'\0041'
       'B' AS unicode_join;
SELECT B'10'
       '01' AS bits_join;
SELECT X'0F'
       'F0' AS hex_join;
-- The server reads this as one escape string (E'x' continued, so \' is a quote);
-- psql reads the second line as a standard string that ends after the backslash.
SELECT E'x'
'\' AS psql_splits_here;
SELECT 'after the odd one' AS fine;
