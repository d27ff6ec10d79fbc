import React from 'react';
import { useSearchParams } from 'react-router-dom';

type Props = { bio: string };

export function Profile({ bio }: Props) {
  const [params] = useSearchParams();
  const site = params.get('site');
  return (
    <div>
      <div dangerouslySetInnerHTML={{ __html: bio }} /> {/* VULN: xss */}
      <a href={site ?? '/'}>home</a> {/* VULN: xss */}
      <p>{bio}</p> {/* SAFE */}
    </div>
  );
}
