import { useState } from 'preact/hooks';
import { TextField } from '../../components/text-field.js';

/** Text mode: a typed caller turn, sent as `{"type":"text","text"}`. */
export function TextMessageForm(props: { onSend: (text: string) => void }) {
  const [text, setText] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    const message = text.trim();
    if (message === '') return;
    props.onSend(message);
    setText('');
  };
  return (
    <form class="card test-call-form" onSubmit={submit}>
      <TextField label="Message" value={text} onValue={setText} autoComplete="off" />
      <button type="submit" class="button primary">
        Send
      </button>
    </form>
  );
}
