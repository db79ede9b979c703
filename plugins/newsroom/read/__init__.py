"""Reading the sources: a fast Markdown reader that checks each file (validate/)
as it reads it, and the attributes every article and page gets on creation."""
