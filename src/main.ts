// The page's entry: global styles and the app.
import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/styles.css';

const target = document.getElementById('app');
if (!target) throw new Error('Causeway: no #app element in index.html');
mount(App, { target });
