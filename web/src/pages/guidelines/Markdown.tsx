import { Anchor, Title, Typography } from '@mantine/core';
import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';

/** Headings inside a document sit below the page's h1 and the card's h2. */
const heading = (level: number) => ({ children }: { children?: ReactNode }) => (
  <Title order={Math.min(6, level + 2) as 3 | 4 | 5 | 6}>{children}</Title>
);
const components: Components = {
  h1: heading(1), h2: heading(2), h3: heading(3), h4: heading(4), h5: heading(4), h6: heading(4),
  a: ({ href, children }) => <Anchor href={href} target="_blank" rel="noopener noreferrer" c="indigo.8" underline="always">{children}</Anchor>,
};

/**
 * Renders user-written Markdown safely: raw HTML is dropped (`skipHtml`) and react-markdown's
 * default URL filter removes `javascript:` and other unsafe link targets.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <Typography>
      <ReactMarkdown skipHtml components={components}>{children}</ReactMarkdown>
    </Typography>
  );
}
