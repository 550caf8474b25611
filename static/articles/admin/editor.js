// The long-form editor: growing text boxes, collapsible sections, outline, word count.
