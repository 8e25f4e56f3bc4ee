/* reader helpers: copy link, citations, print */
