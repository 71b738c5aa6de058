// A place to drop a file from the desktop. The File goes to the bridge as it is: the preload finds
// where it lives on disk and main checks and reads it; nothing here ever sees or names a path.
import { useState, type DragEvent, type ReactNode } from 'react';

export function FileDropZone({ onFile, children }: { onFile: (file: File) => void; children: ReactNode }) {
  const [over, setOver] = useState(false);
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  return (
    <div
      className={`app-drop-zone${over ? ' app-drop-zone--over' : ''}`}
      data-drop-zone="send-file"
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      {children}
    </div>
  );
}
