"""Korean-friendly search: tokenizer, HTML extraction and the sharded index. No MkDocs here."""
