// A message's contents, always as text nodes: React escapes everything, nothing is parsed as HTML.
import type { ContentView } from '../../preload/api';
import { formatBytes } from '../format';

export function ContentViewer({ content, size }: { content: ContentView; size: number }) {
  switch (content.kind) {
    case 'empty':
      return <p>This message has no content.</p>;
    case 'text':
      return (
        <>
          <pre className="app-content-text" tabIndex={0} aria-label="Message content">
            {content.text}
          </pre>
          {content.truncated ? <p className="app-hint">Showing the start only: save the message to see all {formatBytes(size)}.</p> : null}
        </>
      );
    case 'table':
      return (
        <>
          <p className="app-hint">
            {content.delimiter === '|' ? 'Pipe' : 'Comma'}-delimited, {content.totalRows} row{content.totalRows === 1 ? '' : 's'}
            {content.truncated ? `; showing the first ${content.rows.length}` : ''}.
          </p>
          <div className="app-table-scroll" tabIndex={0} aria-label="Message content table">
            <table className="nhsuk-table app-table app-table--compact">
              <thead>
                <tr>
                  {content.header.map((cell, i) => (
                    <th key={i} scope="col">
                      {cell}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {content.rows.map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, c) => (
                      <td key={c}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      );
    case 'binary':
      return (
        <>
          <p>Binary content, {formatBytes(size)}. The first bytes in hexadecimal:</p>
          <pre className="app-content-text app-content-hex" tabIndex={0} aria-label="Hex summary">
            {content.hex}
          </pre>
          {content.truncated ? <p className="app-hint">Save the message to keep the whole file.</p> : null}
        </>
      );
  }
}
