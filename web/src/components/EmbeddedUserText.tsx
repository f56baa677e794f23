/**
 * An English text composed by the server from an English template and pieces of user data (issue 17 item 8): a
 * notification's `titleEn` reads "Case #12 (繁昌新晟水泥股份有限公司): due …" or "Summons (芜经信…〔2026〕3号): …".
 * The template is English, so every run of non-Latin text in it is an embedded piece of user data (an enterprise name,
 * a document number, a problem's wording as typed): each such run is rendered marked `data-user-data`, the English
 * around it as plain text. Used only for texts built that way; a Chinese text is shown as it is.
 */
import { Fragment } from 'react';

/** A run that starts with a non-ASCII character and goes on through non-ASCII characters, digits and letters. */
const RUN = /([^\p{ASCII}](?:[^\p{ASCII}]|[0-9A-Za-z-])*)/u;

export function EmbeddedUserText({ text }: { text: string }) {
  const parts = text.split(RUN);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <span key={i} data-user-data>
            {p}
          </span>
        ) : (
          <Fragment key={i}>{p}</Fragment>
        ),
      )}
    </>
  );
}
