"""Readers shared by the structure walk and the rules: what a table's rows are (level rows,
matrix rows, summary rows), which level a line of boxes chooses, what values a phrase states.
They describe text; they neither place it in a scope nor decide anything."""
